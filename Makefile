# The two commands a new user needs (each installs what it needs first):
#   make demo   — run the main job on the embedded synthetic default, writing into outputs/
#   make test   — build and run every test (installs numpy and chromium too, for the export and explorer tests)
.PHONY: demo test setup test-setup build release clean

# Linux release builds link the Swift runtime statically: commands start in milliseconds
# instead of resolving symbols across dozens of shared libraries (Apple platforms cannot).
STATIC := $(if $(filter Linux,$(shell uname -s)),--static-swift-stdlib,)

setup:
	@scripts/setup.sh

# The build's libraries plus what some tests use (python3 with numpy).
test-setup:
	@scripts/setup.sh --tests

build: setup
	swift build

release: setup
	swift build -c release --product cinematrix $(STATIC)

demo: release
	.build/release/cinematrix demo

test: test-setup
	swift test --parallel

clean:
	rm -rf .build
