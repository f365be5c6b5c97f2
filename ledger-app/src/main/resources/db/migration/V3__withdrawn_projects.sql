-- A withdrawn project keeps its row (its history stays) but no longer counts.
ALTER TABLE project_summary ADD COLUMN withdrawn BOOLEAN NOT NULL DEFAULT FALSE;
