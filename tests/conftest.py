"""Shared fixtures. The database is the real PostgreSQL named by DATABASE_URL;
settings see PYTEST_VERSION and serve plain HTTP with a throwaway key."""
