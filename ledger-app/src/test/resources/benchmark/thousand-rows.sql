INSERT INTO bench_event (aggregate_id, sequence_number, payload) SELECT md5(random()::text), g, convert_to(repeat('x', 600), 'UTF8') FROM generate_series(1, 1000) g;
