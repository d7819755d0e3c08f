"""Pre-election periods: statutory timetables, the Elections register and its enforcement.

`herald.elections.timetable` is plain Python (no Django) so that it can be tested against
published timetables and reused by complaints and FOI for their working-day deadlines.
"""
