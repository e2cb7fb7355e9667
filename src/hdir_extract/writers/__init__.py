"""Writers: tables -> Parquet files and a DuckDB database, each written atomically."""
