# The two commands a new user needs (each installs what it needs first):
#   make demo   — run the main job on the embedded synthetic default, writing into outputs/
#   make test   — build and run every test
.PHONY: demo test setup build release clean

setup:
	@scripts/setup.sh

build: setup
	swift build

release: setup
	swift build -c release --static-swift-stdlib

demo: release
	.build/release/cinematrix demo

test: setup
	swift test --parallel

clean:
	rm -rf .build
