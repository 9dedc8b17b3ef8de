import Testing
import TestSupport

@Suite("propledger vote check")
struct VoteCheckTests {
    private func check(_ matter: String, _ numbers: [String], heldOn: String? = "2026-03-01") throws -> CommandResult {
        let options = ["--total-area", "--total-owners", "--participating-area", "--participating-owners",
                       "--approving-area", "--approving-owners"]
        return try CLI.run(["vote", "check", "--matter", matter] + (heldOn.map { ["--held-on", $0] } ?? [])
                           + zip(options, numbers).flatMap { [$0, $1] })
    }

    @Test("a passing vote: every test with its fraction and threshold, exit 0")
    func passing() throws {
        let result = try check("use_fund", ["10000", "120", "8000", "100", "6000", "70"])
        #expect(result.stdout == """
            law: Civil Code Art. 278 (民法典 第二百七十八条), for a vote held on 2026-03-01
            matter: use_fund (approval needs more than 1/2 of those taking part)

            test              counted                  share  threshold      result
            quorum, area      8000.00 of 10000.00 m²  80.00%  at least 2/3   met
            quorum, owners    100 of 120 owners       83.34%  at least 2/3   met
            approval, area    6000.00 of 8000.00 m²   75.00%  more than 1/2  met
            approval, owners  70 of 100 owners        70.00%  more than 1/2  met

            verdict: PASSED

            """)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test("in Chinese the matter is named by its label, not its code")
    func chineseMatter() throws {
        let result = try CLI.run(["vote", "check", "--matter", "raise_fund", "--held-on", "2026-03-01", "--total-area", "10000",
                                  "--total-owners", "120", "--participating-area", "8000", "--participating-owners", "100",
                                  "--approving-area", "6000", "--approving-owners", "90", "--lang", "zh"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("表决事项：筹集维修资金"))
        #expect(!result.stdout.contains("raise_fund"))
    }

    @Test("a failing vote one fen below three quarters: shares never contradict the verdict, exit 1")
    func failing() throws {
        let result = try check("raise_fund", ["19000", "38", "13000", "26", "9749.99", "20"])
        #expect(result.stdout == """
            law: Civil Code Art. 278 (民法典 第二百七十八条), for a vote held on 2026-03-01
            matter: raise_fund (approval needs at least 3/4 of those taking part)

            test              counted                   share  threshold     result
            quorum, area      13000.00 of 19000.00 m²  68.43%  at least 2/3  met
            quorum, owners    26 of 38 owners          68.43%  at least 2/3  met
            approval, area    9749.99 of 13000.00 m²   74.99%  at least 3/4  NOT MET
            approval, owners  20 of 26 owners          76.93%  at least 3/4  met

            verdict: FAILED (not met: approval, area)

            """)
        #expect(result.stderr == "")
        #expect(result.status == 1)
    }

    @Test("a 2019 vote is judged by the Property Law (no quorum, 2/3 of the totals), and the output names it")
    func propertyLaw() throws {
        let result = try check("raise_fund", ["1000", "12", "1000", "12", "700", "8"], heldOn: "2019-05-01")
        #expect(result.stdout == """
            law: Property Law Art. 76 (物权法 第七十六条), for a vote held on 2019-05-01
            matter: raise_fund (approval needs at least 2/3 of all owners and the whole area)

            test              counted                  share  threshold     result
            quorum, area      1000.00 of 1000.00 m²  100.00%  none          met
            quorum, owners    12 of 12 owners        100.00%  none          met
            approval, area    700.00 of 1000.00 m²    70.00%  at least 2/3  met
            approval, owners  8 of 12 owners          66.67%  at least 2/3  met

            verdict: PASSED

            """)
        #expect(result.status == 0)
        // The same figures under the Civil Code fail: 3/4 of those taking part.
        let later = try check("raise_fund", ["1000", "12", "1000", "12", "700", "8"], heldOn: "2021-01-01")
        #expect(later.stdout.hasPrefix("law: Civil Code Art. 278"))
        #expect(later.stdout.hasSuffix("verdict: FAILED (not met: approval, area; approval, owners)\n"))
        #expect(later.status == 1)
        // Without --held-on the law of today applies.
        let today = try check("raise_fund", ["1000", "12", "1000", "12", "700", "8"], heldOn: nil)
        #expect(today.stdout.hasPrefix("law: Civil Code Art. 278"))
        #expect(today.status == 1)
    }

    @Test("a date that is not a day, or one before every law, is refused, exit 64")
    func badDates() throws {
        let notADay = try check("use_fund", ["1000", "10", "900", "9", "800", "8"], heldOn: "2021-02-30")
        #expect(notADay.stderr.hasPrefix("Error: --held-on 2021-02-30 is not a day: February 2021 has 28 days (not 30)"))
        #expect(notADay.status == 64)
        let tooEarly = try check("use_fund", ["1000", "10", "900", "9", "800", "8"], heldOn: "2006-05-01")
        #expect(tooEarly.stderr.hasPrefix("Error: no law of owners' votes covers 2006-05-01: the rules begin with the Property Law on 2007-10-01"))
        #expect(tooEarly.status == 64)
    }

    @Test("impossible numbers are refused with the reason and usage, exit 64")
    func badInput() throws {
        let usage = """
            Usage: propledger vote check --matter <matter> [--held-on <date>] --total-area <m2> --total-owners <n> --participating-area <m2> --participating-owners <n> --approving-area <m2> --approving-owners <n> [--lang <lang>]
              See 'propledger vote check --help' for more information.

            """
        let tooMany = try check("use_fund", ["1000", "10", "1000", "11", "900", "9"])
        #expect(tooMany.stdout == "")
        #expect(tooMany.stderr == "Error: participating owners 11 exceed total owners 10\n" + usage)
        #expect(tooMany.status == 64)

        let noOwners = try check("use_fund", ["1000", "0", "0", "0", "0", "0"])
        #expect(noOwners.stderr == "Error: total owners is zero: a vote needs at least one owner\n" + usage)
        #expect(noOwners.status == 64)

        let badArea = try check("renovate", ["1,000", "10", "900", "9", "800", "8"])
        #expect(badArea.stderr == """
            Error: --total-area: "1,000" is not an area: leave out the thousands separators (write 1234.50, not 1,234.50)

            """ + usage)
        #expect(badArea.status == 64)

        let badMatter = try check("build_tower", ["1000", "10", "900", "9", "800", "8"])
        #expect(badMatter.stderr.hasPrefix("Error: unknown vote matter \"build_tower\": use one of use_fund, raise_fund,"))
        #expect(badMatter.status == 64)
    }
}
