# The two commands of the README. This file only delegates: build logic is in
# CMake (CMakePresets.json), set-up and the demo are scripts in deploy/.
.PHONY: demo test bench deps build clean

deps:
	deploy/install-deps.sh

build: deps
	cmake --preset release
	cmake --build --preset release

# Runs the main job: server on SQLite with the sample market, the nightly
# scoring, the ranked table and the alerts a live subscriber received.
demo: build
	deploy/demo.sh build/bin

# Builds with -Werror, ASan and UBSan and runs every test through ctest.
test: deps
	cmake --preset test
	cmake --build --preset test
	ctest --preset test

bench: build
	bench/run.sh build

clean:
	rm -rf build
