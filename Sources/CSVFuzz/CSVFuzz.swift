// The CSV reader's fuzz target. Built by ops/fuzz with libFuzzer and AddressSanitizer (-DFUZZING); built
// plainly (swift build), it replays inputs given as files or directories: `CSVFuzz Tests/Fuzz/csv-corpus`.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LedgerCore

/// Where each input is written: the reader is exercised through its production path, a file on disk.
let inputPath = FileManager.default.temporaryDirectory.appendingPathComponent("csvfuzz-\(getpid()).csv").path

/// libFuzzer's entry point: one input, read with every encoding, every cell through `CellText`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let descriptor = open(inputPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { fatalError("cannot write \(inputPath)") }
    var written = 0
    while written < size {
        let count = write(descriptor, data + written, size - written)
        guard count > 0 else { fatalError("cannot write \(inputPath)") }
        written += count
    }
    close(descriptor)
    for encoding in InputEncoding.allCases { readAll(encoding: encoding) }
    readWellFormed()
    return 0
}

/// Reads every record, checking what the reader promises; a CSVError is a fine outcome, a trap is not.
func readAll(encoding: InputEncoding) {
    do {
        let reader = try CSVReader(path: inputPath, encoding: encoding)
        var lastLine = 0
        while let record = try reader.nextRecord() {
            require(record.line > lastLine, "record lines go up")
            lastLine = record.line
            require(!record.cells.isEmpty && record.cells.count <= CSVReader.maximumCells, "1 to maximumCells cells")
            if let index = record.problem?.cellIndex { require(index < record.cells.count, "a problem's cell exists") }
            _ = record.problem?.description
            for case let cell? in record.cells {
                require(cell.unicodeScalars.count <= CSVReader.maximumCellCharacters + 1, "a cell is cut at the limit")
                _ = CellText.invisibleCharacters(in: cell)
                // At most CellText.quoteLimit characters of at most 8 scalars, each at most 10 when escaped (\u{10FFFF}), and "…".
                require(CellText.escapedForMessage(cell).unicodeScalars.count <= CellText.quoteLimit * 8 * 10 + 1, "a message quote is short")
            }
        }
        require(reader.sha256().count == 64, "a SHA-256")
    } catch is CSVError {
        return
    } catch {
        fatalError("not a CSVError: \(error)")
    }
}

/// Reads with `next()`, which stops at the first record with a problem by a CSVError.
func readWellFormed() {
    do {
        let reader = try CSVReader(path: inputPath, encoding: .auto)
        while let record = try reader.next() { require(record.problem == nil, "next() returns well-formed records") }
    } catch is CSVError {
        return
    } catch {
        fatalError("not a CSVError: \(error)")
    }
}

func require(_ condition: Bool, _ what: String) {
    if !condition { fatalError("broken promise: \(what)") }
}

#if FUZZING
/// libFuzzer's driver (in the runtime that -sanitize=fuzzer links): SwiftPM makes this target's `main`
/// the Swift entry point, so it starts libFuzzer itself.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt
#endif

@main
struct CSVFuzzMain {
    static func main() {
        atexit { unlink(inputPath) }
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { fuzz($0, $1) })
        #else
        var inputs = 0
        for argument in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("CSVFuzz: \(argument): no such file or directory\n".utf8))
                exit(66)
            }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map { argument + "/" + $0 }
                : [argument]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                let bytes = [UInt8](data)
                _ = bytes.withUnsafeBufferPointer { fuzz($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
                inputs += 1
            }
        }
        print("CSVFuzz: \(inputs) inputs replayed, no crash")
        #endif
    }
}
