"""Extraction: tasks, departments and roles, deadlines, industries."""
