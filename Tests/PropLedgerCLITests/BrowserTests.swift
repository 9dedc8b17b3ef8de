import Foundation
import LedgerCore
import Testing
import TestSupport

/// The HTML of every report and a printed notice, looked at in a real browser (issue 14 point 4, issue 18
/// point 4): headless Chromium (ops/setup installs it) lays the pages out at a laptop's and a phone's size, and
/// prints to PDF, which poppler's pdftotext reads back. Without Chromium or pdftotext the tests skip, unless
/// PROPLEDGER_REQUIRE_DB=1 (ops/test, CI), where that is a failure.
@Suite("reports and notices in a browser", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct BrowserTests {
    let scratch: ScratchDirectory
    var directory: URL { scratch.url }

    init() throws {
        scratch = try ScratchDirectory(prefix: "pl-browser")
    }

    /// Every report with arguments from the sample (as ops/screens runs them).
    static let reports: [[String]] = [
        ["clearance"], ["party-coverage"], ["projects"], ["funding"], ["apportion", "GS2026005"], ["fund"],
        ["fund-unit", "GS011", "2", "602"], ["companies"], ["recommend", "--compound", "GS003"], ["rectifications"],
        ["expiring"], ["committees"], ["votes"], ["compound", "GS003"], ["anomalies"], ["history", "units", "GS011", "1", "101"],
        ["loads"],
    ]

    /// The reports that aggregate (one row per group, figures summed or scored): each must have its chart.
    static let aggregates = ["clearance", "party-coverage", "funding", "fund", "companies", "recommend", "committees"]

    /// The viewports: a laptop and a phone.
    static let viewports = [(1366, 768), (390, 844)]

    /// Runs a program found on PATH; nil when it is not installed (then the caller skips, or fails under
    /// PROPLEDGER_REQUIRE_DB=1).
    static func run(_ program: String, _ arguments: [String], in directory: URL) throws -> (status: Int32, output: String)? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(program) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let path else { return nil }
        let process = Process()
        process.executableURL = path
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = directory.path
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Chromium headless with its own profile in the test's directory.
    func chromium(_ arguments: [String]) throws -> (status: Int32, output: String)? {
        try Self.run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                  "--user-data-dir=\(directory.appendingPathComponent("profile").path)"] + arguments, in: directory)
    }

    /// Records that a program is missing: a failure when the environment demands the full suite.
    static func missing(_ program: String) {
        if TestEnvironment.databaseRequired {
            Issue.record("\(program) is not installed; ops/setup installs it (chromium, poppler-utils)")
        }
    }

    /// An HTML attribute value.
    static func attribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }

    @Test("every report (zh) at 1366×768 and 390×844: nothing wider than the window, header words on one line, wide tables scroll in their box, aggregates have their chart")
    func layout() throws {
        let database = try ScratchDatabase(template: .sample)
        // One Chromium run for all pages: each report in an iframe of each size (srcdoc: same origin as the
        // driver, so its script can measure them). The reports themselves carry no script.
        var frames = "", names: [String] = []
        for arguments in Self.reports {
            let result = try CLI.run(["report"] + arguments + ["--format", "html", "--lang", "zh"], environment: database.environment)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!result.stdout.contains("<script"))
            #expect(result.stdout.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"))
            if arguments[0] == "apportion" {
                #expect(result.stdout.contains("<h1>分户分摊：GS2026005 南环新村东苑2幢加装电梯（南环新村东苑）</h1>"), "the apportion page names its project")
            }
            names.append(arguments[0])
            for (width, height) in Self.viewports {
                frames += "<iframe data-report=\"\(arguments[0])\" width=\"\(width)\" height=\"\(height)\" srcdoc=\"\(Self.attribute(result.stdout))\"></iframe>\n"
            }
        }
        let measure = """
            <script>
            window.addEventListener('load', () => {
              const results = [...document.querySelectorAll('iframe')].map(frame => {
                const doc = frame.contentDocument, win = frame.contentWindow;
                const oneLine = th => { const r = doc.createRange(); r.selectNodeContents(th);
                  return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size <= 1; };
                const box = doc.querySelector('div.scroll');
                return {
                  report: frame.dataset.report, width: win.innerWidth,
                  pageWidth: doc.documentElement.scrollWidth,
                  tables: doc.querySelectorAll('table').length,
                  tablesInBox: doc.querySelectorAll('div.scroll > table').length,
                  boxScrolls: box ? box.scrollWidth > box.clientWidth : false,
                  headersWrapped: [...doc.querySelectorAll('th')].filter(th => !oneLine(th)).map(th => th.textContent),
                  bars: doc.querySelectorAll('figure.chart svg rect.bar').length,
                  viewport: !!doc.querySelector('meta[name=viewport]'),
                };
              });
              document.getElementById('result').textContent = JSON.stringify(results);
            });
            </script>
            """
        let driver = directory.appendingPathComponent("driver.html")
        try ("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"/></head><body>\n" + frames + "<pre id=\"result\"></pre>\n" + measure + "</body></html>\n")
            .write(to: driver, atomically: true, encoding: .utf8)
        guard let run = try chromium(["--window-size=1400,900", "--virtual-time-budget=20000", "--dump-dom", driver.absoluteString]) else {
            return Self.missing("chromium")
        }
        #expect(run.status == 0)
        let json = try #require(run.output.firstMatch(of: /<pre id="result">(.*?)<\/pre>/)?.output.1, "the driver page reported nothing")
        let text = String(json).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let results = try #require(parsed as? [[String: Any]])
        #expect(results.count == Self.reports.count * Self.viewports.count)
        for result in results {
            let report = result["report"] as? String ?? "?", width = result["width"] as? Int ?? 0
            let label = "\(report) at \(width) px"
            #expect(Self.viewports.map(\.0).contains(width), "\(label): the frame is the viewport")
            #expect(result["viewport"] as? Bool == true, "\(label)")
            #expect((result["pageWidth"] as? Int ?? .max) <= width, "\(label): the page is \(result["pageWidth"] ?? "?") px wide")
            #expect(result["tables"] as? Int == 1 && result["tablesInBox"] as? Int == 1, "\(label): the table is inside its scrolling box")
            #expect((result["headersWrapped"] as? [String])?.isEmpty == true, "\(label): headers broken over lines: \(result["headersWrapped"] ?? "?")")
            let definition = try #require(ReportCatalog.named(report))
            let bars = result["bars"] as? Int ?? 0
            if Self.aggregates.contains(report) { #expect(bars > 0, "\(label): an aggregate report has its chart") }
            #expect((bars > 0) == (definition.chart(by: nil) != nil), "\(label): \(bars) bars")
            // projects (17 columns) is wider than a phone: its box scrolls instead of the columns squeezing.
            if report == "projects" && width == 390 { #expect(result["boxScrolls"] as? Bool == true, "\(label)") }
        }
        #expect(Set(names) == Set(ReportCatalog.all.map(\.name)), "every report is looked at")
        #expect(Self.aggregates.allSatisfy { ReportCatalog.named($0)?.chart(by: nil) != nil })
    }

    /// The text of each page of a PDF (pdftotext), whitespace removed; nil when pdftotext is missing.
    func pages(of pdf: URL) throws -> [String]? {
        guard let text = try Self.run("pdftotext", ["-layout", pdf.path, "-"], in: directory) else { return nil }
        #expect(text.status == 0)
        return text.output.split(separator: "\u{0C}", omittingEmptySubsequences: true)
            .map { $0.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(String.init).joined() }
            .filter { !$0.isEmpty }
    }

    /// Prints an HTML page to PDF with Chromium (its own header and footer off: the page's CSS numbers the pages).
    func printed(_ html: String, as name: String) throws -> URL? {
        let page = directory.appendingPathComponent("\(name).html"), pdf = directory.appendingPathComponent("\(name).pdf")
        try html.write(to: page, atomically: true, encoding: .utf8)
        guard let run = try chromium(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString]) else { return nil }
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: pdf.path))
        return pdf
    }

    @Test("printed to PDF: a notice has its Chinese title, legal basis article and page number; a report repeats its title, as-of, issuer, header row and page number on every page")
    func print() throws {
        let database = try ScratchDatabase(template: .sample)
        let notice = try CLI.run(["notice", "vote", "GS2026002", "use_fund", "2026-03-15", "--date", "2026-03-17"], environment: database.environment)
        #expect(notice.status == 0, "\(notice.stderr)")
        guard let pdf = try printed(notice.stdout, as: "notice") else { return Self.missing("chromium") }
        guard let noticePages = try pages(of: pdf) else { return Self.missing("pdftotext") }
        #expect(noticePages.count == 1)
        let first = noticePages.first ?? ""
        #expect(first.contains("康馨苑业主共同决定表决结果公示"))
        #expect(first.contains("《民法典》第二百七十八条"))
        #expect(first.contains("1378.44/2494.55平方米"))
        #expect(first.contains("姑苏区住房和城乡建设主管部门") && first.contains("2026年3月17日"))
        #expect(first.contains("第1页/共1页"))

        // loads has more rows than one A4 page holds.
        let report = try CLI.run(["report", "loads", "--format", "html", "--lang", "zh", "--issuer", "姑苏区物业指导服务中心"],
                                 environment: database.environment)
        #expect(report.status == 0, "\(report.stderr)")
        let reportPDF = try #require(try printed(report.stdout, as: "loads"))
        let reportPages = try #require(try pages(of: reportPDF))
        #expect(reportPages.count >= 2, "loads prints on more than one page")
        for (index, page) in reportPages.enumerated() {
            let label = "page \(index + 1)"
            #expect(page.contains("数据导入记录"), "\(label): the title")
            #expect(page.contains("发布单位：姑苏区物业指导服务中心"), "\(label): the issuer")
            #expect(page.contains("截至："), "\(label): the as-of date")
            #expect(page.contains("时间操作人类别文件SHA-256行数新增更新未变拒绝删除状态"), "\(label): the header row")
            #expect(page.contains("第\(index + 1)页/共\(reportPages.count)页"), "\(label): its number")
        }
        #expect(reportPages.first?.contains("生成时间：") == true)
    }
}
