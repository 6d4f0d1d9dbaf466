-- Whether a staff session was opened with a second factor. When a team starts requiring
-- one, its sessions opened with a password alone are held at the second-factor step at
-- their next request (issue 15), instead of running on for up to twelve hours.
ALTER TABLE sessions ADD COLUMN second_factor BOOLEAN NOT NULL DEFAULT FALSE;
