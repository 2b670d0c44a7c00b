"""every round keeps its purpose and seal; topics can wait for review; the wall's view

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Plain ADD COLUMNs: a batch rebuild on SQLite would lose AUTOINCREMENT (0002). Closed
    rounds of before get their ranking from their votes, so no result is lost."""
    op.add_column(
        "voting_rounds", sa.Column("purpose", sa.String(240), nullable=False, server_default="")
    )
    # Rounds from before were live: they stay as they were shown.
    op.add_column(
        "voting_rounds",
        sa.Column("sealed", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("voting_rounds", sa.Column("results", sa.JSON(), nullable=True))
    op.add_column(
        "topics", sa.Column("pending", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column(
        "workshops",
        sa.Column("review_topics", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "workshops", sa.Column("wall_view", sa.String(20), nullable=False, server_default="auto")
    )
    op.add_column("workshops", sa.Column("wall_round_id", sa.Integer(), nullable=True))
    _rank_closed_rounds()


def _rank_closed_rounds() -> None:
    bind = op.get_bind()
    rounds = sa.table(
        "voting_rounds",
        sa.column("id"),
        sa.column("workshop_id"),
        sa.column("status"),
        sa.column("results", sa.JSON),
    )
    for round_id, workshop_id in bind.execute(
        sa.select(rounds.c.id, rounds.c.workshop_id).where(rounds.c.status == "closed")
    ).all():
        visible = bind.execute(
            sa.text(
                "select id from topics where workshop_id = :w and merged_into_id is null"
                " and hidden = :no"
            ),
            {"w": workshop_id, "no": False},
        ).scalars()
        totals = dict.fromkeys(visible, 0)
        for topic_id, n in bind.execute(
            sa.text("select topic_id, count(*) from votes where round_id = :r group by topic_id"),
            {"r": round_id},
        ).all():
            if topic_id in totals:
                totals[topic_id] = n
        ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        ranked: list[dict[str, int]] = []
        for index, (topic_id, total) in enumerate(ordered):
            same = index and total == ordered[index - 1][1]
            position = ranked[-1]["rank"] if same else index + 1
            ranked.append({"rank": position, "topic_id": topic_id, "total": total})
        bind.execute(sa.update(rounds).where(rounds.c.id == round_id).values(results=ranked))


def downgrade() -> None:
    keep = {"sqlite_autoincrement": True}
    with op.batch_alter_table("workshops", table_kwargs=keep) as batch:
        batch.drop_column("wall_round_id")
        batch.drop_column("wall_view")
        batch.drop_column("review_topics")
    with op.batch_alter_table("topics", table_kwargs=keep) as batch:
        batch.drop_column("pending")
    with op.batch_alter_table("voting_rounds", table_kwargs=keep) as batch:
        batch.drop_column("results")
        batch.drop_column("sealed")
        batch.drop_column("purpose")
