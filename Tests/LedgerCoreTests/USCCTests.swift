import LedgerCore
import Testing

@Suite("USCC (GB 32100-2015)")
struct USCCTests {
    @Test("Cases/uscc.csv: validity, reason and check character", arguments: try CaseFile.rows("uscc"))
    func cases(row: CaseRow) {
        let code = row["code"]
        #expect(USCC.isValid(code) == (row["valid"] == "true"))
        #expect(USCC.checkCharacter(for: code).map(String.init) ?? "" == row["check_char"])
        do {
            _ = try USCC(code)
            #expect(row["error"] == "")
        } catch {
            #expect(error.code == row["error"])
        }
    }

    @Test("every single-character change of 91350100M000100Y43 is caught")
    func everyCorruptionIsInvalid() throws {
        let valid = Array("91350100M000100Y43")
        #expect(USCC.isValid(String(valid)))
        for position in valid.indices {
            for replacement in USCC.alphabet where replacement != valid[position] {
                var code = valid
                code[position] = replacement
                #expect(!USCC.isValid(String(code)), "\(String(code)) changes position \(position + 1)")
            }
        }
    }

    @Test("the reasons read well")
    func messages() {
        #expect(throws: USCCError.wrongLength(17)) { try USCC("91350100M000100Y4") }
        #expect(throws: USCCError.badCharacter("I", position: 9)) { try USCC("91350100I000100Y43") }
        #expect(throws: USCCError.checkCharacterMismatch(expected: "3", found: "4")) { try USCC("91350100M000100Y44") }
        #expect(USCCError.checkCharacterMismatch(expected: "3", found: "4").description
            == "check character expected 3, found 4")
        #expect(USCCError.wrongLength(17).description == "a USCC has 18 characters, this has 17")
    }
}
