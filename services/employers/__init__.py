"""The employers service. The employer CRM and the Rekrypiste desk: employers, leads, activities, openings, recruitment events."""
