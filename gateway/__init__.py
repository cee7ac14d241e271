"""The gateway: identity, routing to the services, the SPA's files."""
