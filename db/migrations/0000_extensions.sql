-- pg_trgm backs the help desk trigram search indexes (PGlite loads it as an extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
