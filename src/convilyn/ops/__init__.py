"""Running Convilyn in production: health and readiness probes, metrics, logs."""
