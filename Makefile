# The two commands a new user needs (each installs what it needs first):
#   make demo   — run the main job on the embedded synthetic default, writing into outputs/
#   make test   — build and run every test (installs chromium too, for the explorer's browser tests)
.PHONY: demo test setup build release clean

# Linux release builds link the Swift runtime statically: commands start in milliseconds
# instead of resolving symbols across dozens of shared libraries (Apple platforms cannot).
STATIC := $(if $(filter Linux,$(shell uname -s)),--static-swift-stdlib,)

setup:
	@scripts/setup.sh

build: setup
	swift build

release: setup
	swift build -c release $(STATIC)

demo: release
	.build/release/cinematrix demo

test:
	@scripts/setup.sh --test
	swift test --parallel

clean:
	rm -rf .build
