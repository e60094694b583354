"""The labelling knowledge: rules (data in rules.json), label readings, assessments and verdicts."""
