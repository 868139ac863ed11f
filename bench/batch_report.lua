dofile(os.getenv("BENCH_DIR") .. "/batch.lua")
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
