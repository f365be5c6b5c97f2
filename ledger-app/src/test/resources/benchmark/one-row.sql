INSERT INTO bench_event (aggregate_id, sequence_number, payload) VALUES (md5(random()::text), 0, convert_to(repeat('x', 600), 'UTF8'));
