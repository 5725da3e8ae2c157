// The smallest statement: what one auto-commit round trip costs by itself.
RETURN 1 AS one
