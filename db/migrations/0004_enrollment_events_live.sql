-- A refused enrollment (restriction, expired code…) shows on the portal's checklist at once.
CREATE TRIGGER enrollment_events_live AFTER INSERT ON enrollment_events FOR EACH ROW WHEN (NEW.user_id IS NOT NULL) EXECUTE FUNCTION ward_signal_owner('enrollment', 'user_id');
