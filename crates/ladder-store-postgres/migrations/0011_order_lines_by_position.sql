-- An order's lines are keyed by their position in the order, not by SKU: an order may list one SKU on
-- several lines (another price, a free gift, a split line), as shop exports do.
ALTER TABLE order_lines ADD COLUMN line_no INTEGER;
UPDATE order_lines l SET line_no = n.line_no
FROM (SELECT order_id, product_id, (ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY product_id) - 1)::INTEGER AS line_no
      FROM order_lines) n
WHERE n.order_id = l.order_id AND n.product_id = l.product_id;
ALTER TABLE order_lines ALTER COLUMN line_no SET NOT NULL;
ALTER TABLE order_lines DROP CONSTRAINT order_lines_pkey;
ALTER TABLE order_lines ADD PRIMARY KEY (order_id, line_no);
