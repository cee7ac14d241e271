"""The referrals service. Referrals between coordinators and out to partner services and employers."""
