"""Gifts, gift store and stock movements

Revision ID: 0e444a7e5b98
Revises: 7aa8f3d4cacd
Create Date: 2026-11-27 22:59:28.036687

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0e444a7e5b98'
down_revision = '7aa8f3d4cacd'
branch_labels = None
depends_on = None


def upgrade():
    # Only the gift tables: the other features' tables have their own migrations.
    op.create_table('stock_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('unit_value', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('photo_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('archived_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity >= 0', name=op.f('ck_stock_item_quantity_not_negative')),
    sa.CheckConstraint('unit_value >= 0', name=op.f('ck_stock_item_unit_value_not_negative')),
    sa.ForeignKeyConstraint(['archived_by_id'], ['user_account.id'], name=op.f('fk_stock_item_archived_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['photo_id'], ['stored_file.id'], name=op.f('fk_stock_item_photo_id_stored_file'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_item'))
    )
    op.create_table('gift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('exchanged_on', sa.Date(), nullable=False),
    sa.Column('occasion_kind', sa.String(length=20), nullable=False),
    sa.Column('occasion_id', sa.Integer(), nullable=True),
    sa.Column('occasion_note', sa.String(length=300), nullable=True),
    sa.Column('leader_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('photo_id', sa.Integer(), nullable=True),
    sa.Column('estimated_value', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('stock_item_id', sa.Integer(), nullable=True),
    sa.Column('giver_has_interest', sa.Boolean(), nullable=True),
    sa.Column('official_courtesy', sa.Boolean(), nullable=False),
    sa.Column('to_many_staff', sa.Boolean(), nullable=False),
    sa.Column('needs_report', sa.Boolean(), nullable=False),
    sa.Column('report_reason', sa.String(length=30), nullable=True),
    sa.Column('report_due_on', sa.Date(), nullable=True),
    sa.Column('reported_to_supervisor_on', sa.Date(), nullable=True),
    sa.Column('ethics_unit_notified_on', sa.Date(), nullable=True),
    sa.Column('disposition', sa.String(length=20), nullable=True),
    sa.Column('disposition_note', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('archived_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("direction IN ('given', 'received')", name=op.f('ck_gift_direction')),
    sa.CheckConstraint('estimated_value >= 0', name=op.f('ck_gift_value_not_negative')),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_gift_quantity_positive')),
    sa.ForeignKeyConstraint(['archived_by_id'], ['user_account.id'], name=op.f('fk_gift_archived_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], name=op.f('fk_gift_contact_id_contact'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['leader_id'], ['leader.id'], name=op.f('fk_gift_leader_id_leader'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_gift_organization_id_organization'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_gift_partner_id_partner'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['photo_id'], ['stored_file.id'], name=op.f('fk_gift_photo_id_stored_file'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_gift_recorded_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['stock_item_id'], ['stock_item.id'], name=op.f('fk_gift_stock_item_id_stock_item'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_gift_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift'))
    )
    with op.batch_alter_table('gift', schema=None) as batch_op:
        batch_op.create_index('ix_gift_contact', ['contact_id', 'exchanged_on'], unique=False)
        batch_op.create_index('ix_gift_exchanged_on', ['exchanged_on'], unique=False)
        batch_op.create_index('ix_gift_organization', ['organization_id'], unique=False)
        batch_op.create_index('ix_gift_partner', ['partner_id', 'exchanged_on'], unique=False)
        batch_op.create_index('ix_gift_report', ['needs_report', 'report_due_on'], unique=False)
        batch_op.create_index('ix_gift_stock_item', ['stock_item_id'], unique=False)

    op.create_table('stock_movement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stock_item_id', sa.Integer(), nullable=False),
    sa.Column('change', sa.Integer(), nullable=False),
    sa.Column('quantity_after', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('gift_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('at_dt', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('change <> 0', name=op.f('ck_stock_movement_change_not_zero')),
    sa.ForeignKeyConstraint(['gift_id'], ['gift.id'], name=op.f('fk_stock_movement_gift_id_gift'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['stock_item_id'], ['stock_item.id'], name=op.f('fk_stock_movement_stock_item_id_stock_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_stock_movement_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movement'))
    )
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.create_index('ix_stock_movement_gift', ['gift_id'], unique=False)
        batch_op.create_index('ix_stock_movement_item', ['stock_item_id', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_movement_item')
        batch_op.drop_index('ix_stock_movement_gift')

    op.drop_table('stock_movement')
    with op.batch_alter_table('gift', schema=None) as batch_op:
        batch_op.drop_index('ix_gift_stock_item')
        batch_op.drop_index('ix_gift_report')
        batch_op.drop_index('ix_gift_partner')
        batch_op.drop_index('ix_gift_organization')
        batch_op.drop_index('ix_gift_exchanged_on')
        batch_op.drop_index('ix_gift_contact')

    op.drop_table('gift')
    op.drop_table('stock_item')
