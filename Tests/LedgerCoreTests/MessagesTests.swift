import Testing
@testable import LedgerCore

/// The message catalogue: complete in both languages, the same arguments in each, SQL templates safe for
/// `format()`, and the language switch of `--lang`, PROPLEDGER_LANG and the locale.
struct MessagesTests {
    @Test("every message has English and Chinese text naming the same arguments", arguments: Message.allCases)
    func complete(message: Message) {
        let en = message.template(.en), zh = message.template(.zh)
        #expect(!en.isEmpty && !zh.isEmpty)
        // Different words in each language, unless the template is only its arguments and punctuation.
        let words = en.replacing(/\{[a-z]+\}/, with: "").contains { $0.isLetter }
        #expect(!words || en != zh, "\(message)")
        #expect(Set(Message.argumentNames(en)) == Set(Message.argumentNames(zh)), "\(message)")
    }

    @Test("a SQL template leaves {cell} as %s and doubles every other %")
    func sqlTemplate() {
        #expect(Message.notPercent.sqlTemplate(.en, ["scale": "2"])
                == "'%s' is not a percentage with at most 2 decimals (write 33.33 or 33.33%%)")
        #expect(Message.breaksRule.sqlTemplate(.zh, ["rule": "100% 的规则"]) == "“%s”不符合规则：100%% 的规则")
        #expect(Message.required.sqlTemplate(.en) == "is required, but the cell is empty")
    }

    @Test("every rule has words in both languages, without SQL")
    func ruleWords() {
        for (name, words) in RuleWords.rules {
            #expect(!words.en.isEmpty && !words.zh.isEmpty, "\(name)")
            for sql in [">=", "<=", "IS NULL", "::", "btrim"] {
                #expect(!words.en.contains(sql) && !words.zh.contains(sql), "\(name): \(sql)")
            }
        }
    }

    @Test("the language: --lang, then PROPLEDGER_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG), else English",
          arguments: [
              (Language?.some(.en), ["PROPLEDGER_LANG": "zh", "LANG": "zh_CN.UTF-8"], Language.en),
              (nil, ["PROPLEDGER_LANG": "zh"], .zh),
              (nil, ["PROPLEDGER_LANG": "ZH", "LANG": "en_US.UTF-8"], .zh),
              (nil, ["LANG": "zh_CN.UTF-8"], .zh),
              (nil, ["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"], .en),
              (nil, ["LC_MESSAGES": "zh_TW.UTF-8"], .zh),
              (nil, ["LC_ALL": "", "LANG": "zh_HK"], .zh),
              (nil, [:], .en),
              (nil, ["PROPLEDGER_LANG": "fr", "LANG": "C.UTF-8"], .en),
          ])
    func resolve(option: Language?, environment: [String: String], expected: Language) {
        #expect(Language.resolve(option: option, environment: environment) == expected)
    }

    @Test("a totals row's label: 合计, 总计, 小计 (spaces and a colon ignored); other cells are not", arguments: [
        ("合计", true), ("总计", true), ("小计", true), ("合 计", true), ("合计：", true), ("合计人数", false), ("GS001", false), ("", false),
    ])
    func totals(cell: String, expected: Bool) {
        #expect(Loader.isTotalsLabel(cell) == expected)
    }

    @Test("Excel's scientific notation in a code cell", arguments: [
        ("3.20508E+11", true), ("3E+11", true), ("-1.5e+3", true), ("GS001", false), ("E+11", false), ("3.2.1E+11", false),
        ("3.20508E+", false), ("3.20508E-11", false), ("320508001001", false), ("1E+1x", false),
    ])
    func exponent(cell: String, expected: Bool) {
        #expect(Loader.isExcelExponent(cell) == expected)
    }
}
