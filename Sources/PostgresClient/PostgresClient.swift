// PostgresClient: the only module that talks to libpq.
