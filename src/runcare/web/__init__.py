"""The clinic web app (Django): accounts, intake, uploads and dashboards over the core."""
