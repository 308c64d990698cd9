"""Paid services' money (有偿服务 / 收费台帐): the fee lines of a work order and the supervisor's
approval of a quote (charges.py), how a fee is settled — cash with a receipt or the unit's
monthly bill — and voiding a payment (payments.py), the cashier's month that runs from the 26th
to the 25th (months.py) and the monthly summary handed to the cashier (summary.py).

A group of its own, not part of cases/: these rules belong to the money and to the cashier
(财务 / 收款部门), not to the life of one repair. Cases call them (a result with its fee lines),
lists and reports read them (the fee ledger, the weekly figure, the dashboard's unpaid tile).
"""
