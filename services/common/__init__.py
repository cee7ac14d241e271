"""The platform every Polku service shares. No domain code lives here."""
