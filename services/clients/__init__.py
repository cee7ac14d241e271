"""The clients service. Client pathways: clients, enrolments, meetings, notes, plans, the history import."""
