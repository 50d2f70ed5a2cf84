"""The visits app: records of official visits, meetings and agreements."""
