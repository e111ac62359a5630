"""Answer-quality evaluation: gold questions, deterministic metrics, reports and the CI gate."""
