"""Curated lists of visits beside the news: the State Department's visits of foreign
leaders and travels of US Presidents and Secretaries of State.

`rows` reads the XML (no database), `people` reads offices and names out of its free
text, `store` writes each row as an Article of kind curated through the same writer
as the news, and `compare` holds the news against the rows."""
