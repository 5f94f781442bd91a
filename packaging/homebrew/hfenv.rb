# Homebrew formula, on paper: not built here (no Homebrew). Its version follows VERSION
# (ship.recipes_follow_the_version_file); packaging/release writes a copy with the sdist's sha256 to
# OUTDIR/recipes/. docs/release.md.
class Hfenv < Formula
  desc "Put a process's proxy environment in order for every HTTP client, then exec"
  homepage "https://github.com/hfenv/hfenv"
  # The sdist, as the release workflow attaches it to the GitHub release.
  url "https://github.com/hfenv/hfenv/releases/download/v1.0.0/hfenv-1.0.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  license "MIT"

  depends_on "cmake" => :build

  def install
    # The dynamic program: macOS has no static C library, and Linux's musl-gcc is not a Homebrew build's.
    system "cmake", "-S", ".", "-B", "build", "-DHFENV_STATIC=OFF", *std_cmake_args
    system "cmake", "--build", "build"
    system "cmake", "--install", "build"
  end

  test do
    assert_match "hfenv #{version} (revision unknown)", shell_output("#{bin}/hfenv --version")
    assert_equal "http://127.0.0.1:3128\n",
                 shell_output("#{bin}/hfenv -p 127.0.0.1:3128 /usr/bin/printenv HTTPS_PROXY")
    assert_equal "http://127.0.0.1:3128\n",
                 shell_output("env -i http_proxy=' http://127.0.0.1:3128 ' #{bin}/hfenv /usr/bin/printenv HTTP_PROXY")
  end
end
