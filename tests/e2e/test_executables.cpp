// End to end: the three executables as a user or a script runs them.
#include "dicom_bytes.h"
#include "process.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <filesystem>

using namespace prescreen::test;

namespace {

const std::string kGui = PRESCREEN_GUI;
const std::string kCli = PRESCREEN_CLI;
const std::string kHq = PRESCREEN_HQ;

// No display at all: what a headless server or a CI runner has.
const std::string kHeadless = "env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM ";

std::filesystem::path outputDir() {
    std::filesystem::path dir = PRESCREEN_E2E_OUTPUT;
    std::filesystem::create_directories(dir);
    return dir;
}

// A screenshot an officer would recognise: window sized, many colours, text drawn.
void checkScreenshot(const std::filesystem::path& png) {
    REQUIRE(std::filesystem::exists(png));
    const cv::Mat image = cv::imread(png.string(), cv::IMREAD_COLOR);
    REQUIRE_FALSE(image.empty());
    CHECK(image.cols >= 1024);
    CHECK(image.rows >= 600);
    cv::Scalar mean, stddev;
    cv::meanStdDev(image, mean, stddev);
    CHECK(stddev[0] + stddev[1] + stddev[2] > 6.0); // not one flat colour
    CHECK(mean[0] + mean[1] + mean[2] < 3 * 128.0); // the dark theme is on
}

} // namespace

TEST_CASE("every executable answers --help and --version without a display", "[e2e]") {
    for (const auto& exe : {kGui, kCli, kHq}) {
        INFO(exe);
        const auto help = runShell(kHeadless + shellQuote(exe) + " --help");
        CHECK(help.exitCode == 0);
        CHECK_THAT(help.output, Catch::Contains("Usage:"));
        const auto version = runShell(kHeadless + shellQuote(exe) + " --version");
        CHECK(version.exitCode == 0);
        CHECK_THAT(version.output, Catch::Contains(PRESCREEN_VERSION));
    }
    CHECK_THAT(runShell(kHeadless + shellQuote(kGui) + " --help").output,
               Catch::Contains("--screenshot") && Catch::Contains("--data-dir"));
}

TEST_CASE("prescreen --screenshot renders the main window offscreen", "[e2e][screenshot]") {
    TempDir data;
    const auto png = outputDir() / "main-window-offscreen.png";
    std::filesystem::remove(png);
    const auto run =
        runShell(kHeadless + "QT_QPA_PLATFORM=offscreen " + shellQuote(kGui) + " --data-dir " +
                 shellQuote(data.path().string()) + " --screenshot " + shellQuote(png.string()));
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    checkScreenshot(png);
    // The embedded default: a local SQLite database in the data directory.
    CHECK(std::filesystem::exists(data / "prescreen.sqlite3"));
}

TEST_CASE("prescreen --screenshot renders the main window under Xvfb", "[e2e][screenshot]") {
    if (runShell("command -v xvfb-run").exitCode != 0) {
        std::printf("SKIPPED: xvfb-run is not installed\n");
        std::exit(kSkipExitCode);
    }
    TempDir data;
    const auto png = outputDir() / "main-window-xvfb.png";
    std::filesystem::remove(png);
    const auto run = runShell(kHeadless + "xvfb-run -a -s '-screen 0 1920x1080x24' " +
                              shellQuote(kGui) + " --data-dir " + shellQuote(data.path().string()) +
                              " --screenshot " + shellQuote(png.string()));
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    checkScreenshot(png);
}

namespace {

// A demo site (4 cases, cheap password hashing) made by prescreen-cli, as a newcomer makes one.
std::filesystem::path makeDemoSite(const TempDir& dir) {
    const auto site = dir / "site";
    const auto built = runShell(shellQuote(kCli) + " demo-site " + shellQuote(site.string()) +
                                " --cases 4 --fast-passwords");
    INFO(built.output);
    REQUIRE(built.exitCode == 0);
    return site;
}

} // namespace

TEST_CASE("prescreen --screenshot signs in from the environment and shows the top case",
          "[e2e][screenshot]") {
    TempDir dir;
    const auto site = makeDemoSite(dir);
    const auto png = outputDir() / "main-window-case.png";
    std::filesystem::remove(png);
    const auto run =
        runShell(kHeadless +
                 "QT_QPA_PLATFORM=offscreen PRESCREEN_BADGE=officer1 "
                 "PRESCREEN_PASSWORD=demo-officer-2026 " +
                 shellQuote(kGui) + " --data-dir " + shellQuote(site.string()) +
                 " --open-next --display material --screenshot " + shellQuote(png.string()));
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    checkScreenshot(png);
    // The scan is on screen in material colour: many clearly coloured pixels (orange organic,
    // green inorganic, blue metal), which the dark theme alone never has.
    const cv::Mat image = cv::imread(png.string(), cv::IMREAD_COLOR);
    int coloured = 0;
    for (int y = 0; y < image.rows; y += 2)
        for (int x = 0; x < image.cols; x += 2) {
            const auto& p = image.at<cv::Vec3b>(y, x);
            const int spread = std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]});
            if (spread > 60)
                ++coloured;
        }
    CHECK(coloured > 5000);
    // Opening claimed the case for officer1.
    const auto cases = runShell(shellQuote(kCli) + " cases --db " +
                                shellQuote((site / "prescreen.sqlite3").string()));
    CHECK_THAT(cases.output, Catch::Contains(" open "));
}

TEST_CASE("prescreen refuses bad credentials and a bad --display clearly", "[e2e][screenshot]") {
    TempDir dir;
    const auto site = makeDemoSite(dir);
    const auto wrong = runShell(kHeadless +
                                "QT_QPA_PLATFORM=offscreen PRESCREEN_BADGE=officer1 "
                                "PRESCREEN_PASSWORD=wrong " +
                                shellQuote(kGui) + " --data-dir " + shellQuote(site.string()) +
                                " --screenshot " + shellQuote((dir / "x.png").string()));
    CHECK(wrong.exitCode == 1);
    CHECK_THAT(wrong.output, Catch::Contains("Signing in as officer1 failed") &&
                                 Catch::Contains("not recognised"));
    CHECK_FALSE(std::filesystem::exists(dir / "x.png"));

    const auto display = runShell(kHeadless + shellQuote(kGui) + " --display sepia --data-dir " +
                                  shellQuote(site.string()));
    CHECK(display.exitCode == 2);
    CHECK_THAT(display.output, Catch::Contains("--display is one of grey, material"));
}

TEST_CASE("prescreen reports an unusable database and exits non-zero", "[e2e]") {
    TempDir data;
    {
        std::FILE* out = std::fopen((data / "prescreen.sqlite3").c_str(), "wb");
        REQUIRE(out != nullptr);
        for (int i = 0; i < 4096; ++i)
            std::fputc('#', out);
        std::fclose(out);
    }
    const auto run = runShell(kHeadless + "QT_QPA_PLATFORM=offscreen " + shellQuote(kGui) +
                              " --data-dir " + shellQuote(data.path().string()) + " --screenshot " +
                              shellQuote((data / "x.png").string()));
    CHECK(run.exitCode == 1);
    CHECK_THAT(run.output, Catch::Contains("local database could not be opened") &&
                               Catch::Contains("prescreen.sqlite3"));
}

TEST_CASE("prescreen-cli dump names DICOS attributes of an implicit-VR file", "[e2e][cli]") {
    TempDir dir;
    const auto path = dir / "implicit.dcs";
    DicomBytes file(kDicosDxForPresentation, "1.2.826.0.1.3680043.9.7431.1.2",
                    kImplicitVrLittleEndian);
    file.implicit(0x0008, 0x0060, "DX").implicit(0x6100, 0x0030, DicomBytes::uint16le(1));
    file.write(path);

    const auto run = runShell(shellQuote(kCli) + " dump " + shellQuote(path.string()));
    INFO(run.output);
    CHECK(run.exitCode == 0);
    CHECK_THAT(run.output, Catch::Contains("(6100,0030) US SeriesEnergy = 1"));
    CHECK_THAT(run.output, Catch::Contains("Little Endian Implicit"));
}

TEST_CASE("prescreen-cli fails clearly on bad input and bad usage", "[e2e][cli]") {
    const auto missing = runShell(shellQuote(kCli) + " dump /nonexistent/scan.dcs");
    CHECK(missing.exitCode == 1);
    CHECK_THAT(missing.output, Catch::Contains("/nonexistent/scan.dcs: no such file"));

    const auto unknown = runShell(shellQuote(kCli) + " frobnicate");
    CHECK(unknown.exitCode == 2);
    CHECK_THAT(unknown.output, Catch::Contains("unknown command 'frobnicate'"));

    const auto none = runShell(shellQuote(kCli));
    CHECK(none.exitCode == 2);

    const auto hq = runShell(shellQuote(kHq) + " serve");
    CHECK(hq.exitCode == 2);
}

TEST_CASE("prescreen-cli dictionary prints the shipped supplement", "[e2e][cli]") {
    const auto run = runShell(shellQuote(kCli) + " dictionary");
    CHECK(run.exitCode == 0);
    CHECK_THAT(run.output, Catch::Contains("(6100,0030)\tUS\tSeriesEnergy\t1\tDICOS"));
}

TEST_CASE("prescreen-cli info and pixels describe a scan, or fail with status 1", "[e2e][cli]") {
    const auto file = requireSharedData("dicom/wg04/RG2_JPLL.dcm");
    const auto info = runShell(shellQuote(kCli) + " info " + shellQuote(file.string()));
    INFO(info.output);
    CHECK(info.exitCode == 0);
    CHECK_THAT(info.output, Catch::Contains("1760x2140"));

    const auto json = runShell(shellQuote(kCli) + " info --json " + shellQuote(file.string()));
    CHECK(json.exitCode == 0);
    CHECK_THAT(json.output, Catch::Contains("\"width\": 1760"));

    // The WG-04 files are ten encodings of one study: --no-siblings keeps to this one.
    const auto md5 =
        runShell(shellQuote(kCli) + " pixels --md5 --no-siblings " + shellQuote(file.string()));
    CHECK(md5.exitCode == 0);
    CHECK_THAT(md5.output, Catch::StartsWith("06900ee4323a91b7f5ffab8655e3c845"));

    const auto broken =
        runShell(shellQuote(kCli) + " info " +
                 shellQuote(requireSharedData("dicom/pydicom/MR_truncated.dcm").string()));
    CHECK(broken.exitCode == 1);
    CHECK_THAT(broken.output, Catch::Contains("MR_truncated.dcm"));

    const auto usage = runShell(shellQuote(kCli) + " pixels " + shellQuote(file.string()));
    CHECK(usage.exitCode == 2);
    CHECK_THAT(usage.output, Catch::Contains("--md5"));
}

TEST_CASE("prescreen-cli render matches dcm2pnm within 1 grey level", "[e2e][cli][render]") {
    if (runShell("command -v dcm2pnm").exitCode != 0) {
        std::printf("SKIPPED: dcm2pnm (package dcmtk) is not installed\n");
        std::exit(kSkipExitCode);
    }
    TempDir dir;
    // dcm2pnm reads uncompressed files; its PGM output is compared (its PNG writer alters levels
    // by one more). DICOM's LINEAR function gives real numbers: we round, DCMTK truncates.
    for (const char* name : {"RG2_UNC.dcm", "XA1_UNC.dcm"}) {
        INFO(name);
        const auto file = requireSharedData(std::string("dicom/wg04/") + name);
        const auto ours = dir / "ours.png";
        const auto theirs = dir / "dcmtk.pgm";
        const auto run =
            runShell(shellQuote(kCli) + " render --no-siblings " + shellQuote(file.string()) +
                     " -o " + shellQuote(ours.string()) + " --window 400,700");
        REQUIRE(run.exitCode == 0);
        REQUIRE(runShell("dcm2pnm +Ww 400 700 " + shellQuote(file.string()) + " " +
                         shellQuote(theirs.string()))
                    .exitCode == 0);
        const cv::Mat a = cv::imread(ours.string(), cv::IMREAD_UNCHANGED);
        const cv::Mat b = cv::imread(theirs.string(), cv::IMREAD_UNCHANGED);
        REQUIRE(a.size() == b.size());
        REQUIRE(a.type() == b.type());
        cv::Mat difference;
        cv::absdiff(a, b, difference);
        double worst = 0;
        cv::minMaxLoc(difference, nullptr, &worst);
        CHECK(worst <= 1.0);
    }
}

TEST_CASE("prescreen-cli render refuses what it cannot do, with status 2 or 1",
          "[e2e][cli][render]") {
    const auto file = requireSharedData("dicom/wg04/XA1_UNC.dcm");
    TempDir dir;
    const auto out = shellQuote((dir / "x.png").string());
    const auto noOutput = runShell(shellQuote(kCli) + " render " + shellQuote(file.string()));
    CHECK(noOutput.exitCode == 2);
    CHECK_THAT(noOutput.output, Catch::Contains("-o OUT.png"));
    const auto badMode = runShell(shellQuote(kCli) + " render " + shellQuote(file.string()) +
                                  " -o " + out + " --mode sepia");
    CHECK(badMode.exitCode == 2);
    const auto single = runShell(shellQuote(kCli) + " render --no-siblings " +
                                 shellQuote(file.string()) + " -o " + out + " --mode material");
    CHECK(single.exitCode == 1);
    CHECK_THAT(single.output, Catch::Contains("dual"));
}

TEST_CASE("each role signs in to the modes its roles allow (screenshots under Xvfb)",
          "[e2e][screenshot][modes]") {
    if (runShell("command -v xvfb-run").exitCode != 0) {
        std::printf("SKIPPED: xvfb-run is not installed\n");
        std::exit(kSkipExitCode);
    }
    TempDir dir;
    const auto site = makeDemoSite(dir);
    struct Run {
        const char* badge;
        const char* password;
        const char* mode; ///< --mode, or empty
        const char* expected;
    };
    const Run runs[] = {
        {"officer1", "demo-officer-2026", "", "modes screening; showing screening"},
        {"officer1", "demo-officer-2026", "audit", "modes screening; showing screening"},
        {"super1", "demo-supervisor-2026", "", "modes screening,audit; showing screening"},
        {"super1", "demo-supervisor-2026", "audit", "modes screening,audit; showing audit"},
        {"trainer1", "demo-trainer-2026", "", "modes training; showing training"},
        {"lead1", "demo-lead-2026", "", "modes screening,audit,training; showing screening"},
        {"lead1", "demo-lead-2026", "audit", "modes screening,audit,training; showing audit"},
        {"lead1", "demo-lead-2026", "training", "modes screening,audit,training; showing training"},
        {"admin", "demo-admin-2026", "", "modes none; showing none"},
    };
    int fresh = 0;
    for (const char* screen : {"1920x1080", "1366x768"}) {
        for (const auto& run : runs) {
            // Settings of their own: no mode or layout left by an earlier run.
            const auto config = dir / ("config-" + std::to_string(++fresh));
            const std::string mode = *run.mode != '\0' ? run.mode : "first";
            const auto png = outputDir() / ("modes-" + std::string(run.badge) + "-" + mode + "-" +
                                            screen + ".png");
            std::filesystem::remove(png);
            const auto result =
                runShell(kHeadless + "XDG_CONFIG_HOME=" + shellQuote(config.string()) +
                         " PRESCREEN_BADGE=" + run.badge + " PRESCREEN_PASSWORD=" + run.password +
                         " xvfb-run -a -s '-screen 0 " + screen + "x24' " + shellQuote(kGui) +
                         " --no-sync --data-dir " + shellQuote(site.string()) +
                         (*run.mode != '\0' ? " --mode " + std::string(run.mode) : std::string()) +
                         " --screenshot " + shellQuote(png.string()));
            INFO(run.badge << " " << mode << " on " << screen << ": " << result.output);
            REQUIRE(result.exitCode == 0);
            CHECK_THAT(result.output, Catch::Contains(run.expected));
            checkScreenshot(png);
        }
    }
    const auto bad = runShell(kHeadless + shellQuote(kGui) + " --mode cooking --data-dir " +
                              shellQuote(site.string()));
    CHECK(bad.exitCode == 2);
    CHECK_THAT(bad.output, Catch::Contains("--mode is one of screening, audit, training"));
}

TEST_CASE("prescreen-hq refuses an unknown option, as prescreen-cli does", "[e2e][hq]") {
    TempDir dir;
    const auto db = shellQuote((dir / "hq.sqlite3").string());
    const auto hq = runShell(shellQuote(kHq) + " audit --db " + db + " --limmit 5");
    CHECK(hq.exitCode == 2);
    CHECK_THAT(hq.output, Catch::Contains("--limmit"));
    const auto missing = runShell(shellQuote(kHq) + " audit --db");
    CHECK(missing.exitCode == 2);
    CHECK_THAT(missing.output, Catch::Contains("--db"));
    const auto cli = runShell(shellQuote(kCli) + " cases --db " + db + " --limmit 5");
    CHECK(cli.exitCode == 2);
    CHECK_THAT(cli.output, Catch::Contains("--limmit"));
    // Declared options still work.
    const auto fine = runShell(shellQuote(kHq) + " audit --db " + db + " --limit 5");
    INFO(fine.output);
    CHECK(fine.exitCode == 0);
}
