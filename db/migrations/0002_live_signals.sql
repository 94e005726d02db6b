-- Live updates (DESIGN F12): every change a signed-in user may be watching sends a notification on
-- "ward_user_signal" with the user and a topic. Triggers make it impossible for a code path to
-- forget it, and pg_notify delivers only on commit, to every app instance.
CREATE OR REPLACE FUNCTION ward_signal_user(user_id uuid, topic text) RETURNS void AS $$
BEGIN
  PERFORM pg_notify('ward_user_signal', json_build_object('u', user_id, 't', topic)::text);
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ward_signal_owner() RETURNS trigger AS $$
BEGIN
  -- TG_ARGV[0]: the topic; TG_ARGV[1]: the column holding the user id.
  PERFORM ward_signal_user((to_jsonb(NEW) ->> TG_ARGV[1])::uuid, TG_ARGV[0]);
  RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ward_signal_device_owner() RETURNS trigger AS $$
BEGIN
  PERFORM ward_signal_user(d.owner_id, TG_ARGV[0]) FROM devices d WHERE d.id = NEW.device_id;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ward_signal_ticket_requester() RETURNS trigger AS $$
BEGIN
  PERFORM ward_signal_user(t.requester_id, 'tickets') FROM tickets t WHERE t.id = NEW.ticket_id;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER devices_live AFTER INSERT OR UPDATE ON devices FOR EACH ROW EXECUTE FUNCTION ward_signal_owner('devices', 'owner_id');
--> statement-breakpoint
CREATE TRIGGER device_commands_live AFTER INSERT OR UPDATE ON device_commands FOR EACH ROW EXECUTE FUNCTION ward_signal_device_owner('commands');
--> statement-breakpoint
CREATE TRIGGER compliance_results_live AFTER INSERT OR UPDATE ON compliance_results FOR EACH ROW EXECUTE FUNCTION ward_signal_device_owner('devices');
--> statement-breakpoint
CREATE TRIGGER notifications_live AFTER INSERT OR UPDATE ON notifications FOR EACH ROW EXECUTE FUNCTION ward_signal_owner('notifications', 'user_id');
--> statement-breakpoint
CREATE TRIGGER enrollment_codes_live AFTER UPDATE ON enrollment_codes FOR EACH ROW EXECUTE FUNCTION ward_signal_owner('enrollment', 'user_id');
--> statement-breakpoint
CREATE TRIGGER terms_acceptances_live AFTER INSERT ON terms_acceptances FOR EACH ROW EXECUTE FUNCTION ward_signal_owner('terms', 'user_id');
--> statement-breakpoint
CREATE TRIGGER tickets_live AFTER INSERT OR UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION ward_signal_owner('tickets', 'requester_id');
--> statement-breakpoint
CREATE TRIGGER ticket_events_live AFTER INSERT ON ticket_events FOR EACH ROW EXECUTE FUNCTION ward_signal_ticket_requester();
