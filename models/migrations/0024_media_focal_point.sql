-- A picture's focal point: the point its crops (square and wide cards)
-- keep in view, each coordinate a whole number of ten-thousandths
-- (media.FocalScale) from the top-left corner, 5000/5000 (the centre)
-- until an editor sets one. Integers keep the point exact on both engines,
-- and the crop files are named by it. Both engines read this alike.
ALTER TABLE media ADD COLUMN focal_x INTEGER NOT NULL DEFAULT 5000 CHECK (focal_x BETWEEN 0 AND 10000);
ALTER TABLE media ADD COLUMN focal_y INTEGER NOT NULL DEFAULT 5000 CHECK (focal_y BETWEEN 0 AND 10000);
