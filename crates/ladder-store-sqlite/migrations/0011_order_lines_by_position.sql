-- An order's lines are keyed by their position in the order, not by SKU: an order may list one SKU on
-- several lines (another price, a free gift, a split line), as shop exports do.
CREATE TABLE order_lines_by_position (
    order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL,
    product_id       INTEGER NOT NULL REFERENCES products (id),
    quantity         INTEGER NOT NULL,
    unit_price_minor INTEGER NOT NULL,
    PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;
INSERT INTO order_lines_by_position (order_id, line_no, product_id, quantity, unit_price_minor)
SELECT order_id, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY product_id) - 1, product_id, quantity, unit_price_minor
FROM order_lines;
DROP TABLE order_lines;
ALTER TABLE order_lines_by_position RENAME TO order_lines;
