-- The last authenticator time step accepted for each member of staff: a code is refused if
-- its step is not later, so a code seen over someone's shoulder (or replayed from a
-- captured request) cannot be used again within its 90-second window.
ALTER TABLE staff_credentials ADD COLUMN totp_last_step INTEGER;
