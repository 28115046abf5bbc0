-- The tracking book (Sổ theo dõi hồ sơ) and period reports read a commune's dossiers by receipt time.
CREATE INDEX dossiers_commune_received ON dossiers (commune_id, received_at);
