# The two commands of the README:
#   make        install what is missing, build the server and the web app, serve on SQLite
#   make test   the same install and build, then every test suite (what .ci/run calls)
# Everything else here is a building block of those two.

BUILD_DIR ?= build
JOBS ?= $(shell nproc)
PORT ?= 8000

.PHONY: all run deps build server web test bench format clean

all: run

run: build
	$(BUILD_DIR)/resolutionflow serve --port $(PORT) --web-dir web/dist

deps:
	scripts/install-deps.sh

build: deps server web

server:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS)

web:
	cd web && npm run build

test: build
	scripts/test.sh

bench: build
	bench/run.sh

format:
	scripts/format.sh

clean:
	rm -rf $(BUILD_DIR) web/dist
