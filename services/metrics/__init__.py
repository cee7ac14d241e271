"""The metrics service. The read model of the city's figures and the BI interface."""
