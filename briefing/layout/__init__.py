"""Layout: plan slides from an outline, position every box and predict every line."""
