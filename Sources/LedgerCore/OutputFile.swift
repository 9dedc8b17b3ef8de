import Foundation

/// Writing a file a user named (`report -o FILE`, `load --rejects OUT`): a new file or an existing regular
/// file, replaced atomically; never a device, a FIFO, a directory or a symbolic link (as root, `-o /dev/null`
/// must not replace the system's /dev/null with a regular file), and never one of the files being read.
public enum OutputFile {
    /// Why a path cannot be written, as a sentence.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        /// What is wrong and what to do.
        public let description: String
    }

    /// Refuses a path that exists and is not a regular file (looked at with lstat, so a symbolic link is
    /// refused whatever it points to), or whose directory is missing or not writable.
    public static func check(_ path: String, notOneOf inputs: [String] = []) throws(Refusal) {
        guard !path.isEmpty else { throw Refusal(description: "cannot write an empty file name; give -o FILE") }
        var status = stat()
        if lstat(path, &status) == 0 {
            let type = status.st_mode & S_IFMT
            // The same file as an input (also through a hard link or a symbolic link to it).
            for input in inputs {
                var read = stat()
                if stat(input, &read) == 0, read.st_dev == status.st_dev, read.st_ino == status.st_ino {
                    throw Refusal(description: "cannot write \(path): it is the input file \(input), and writing there would destroy it; give another name")
                }
            }
            guard type == S_IFREG else {
                throw Refusal(description: "cannot write \(path): it is \(describe(type)), not a regular file; "
                              + "-o writes only a new file or replaces a regular one: give another file name")
            }
            // Replacing it is a rename in its directory.
            guard access(directory(of: path), W_OK) == 0 else {
                throw Refusal(description: "cannot write \(path): permission denied (no file can be replaced in \(directory(of: path)))")
            }
            return
        }
        let lookup = errno
        guard lookup == ENOENT else { throw Refusal(description: "cannot write \(path): \(String(cString: strerror(lookup)))") }
        let directory = directory(of: path)
        var directoryStatus = stat()
        guard stat(directory, &directoryStatus) == 0, directoryStatus.st_mode & S_IFMT == S_IFDIR else {
            throw Refusal(description: "cannot write \(path): the directory \(directory) does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw Refusal(description: "cannot write \(path): permission denied (no new file can be made in \(directory))")
        }
    }

    /// Writes the bytes to a new file beside `path`, flushes it and renames it over `path`, so a reader
    /// sees the old file or the new one, never half of it. An existing file keeps its permissions.
    public static func write(_ data: Data, to path: String, notOneOf inputs: [String] = []) throws(Refusal) {
        try write(to: path, notOneOf: inputs) { descriptor, _ in
            let failure = data.withUnsafeBytes { writeAll($0, to: descriptor) }
            return failure == 0 ? nil : String(cString: strerror(failure))
        }
    }

    /// Writes every byte to a descriptor (a short write is continued, an interrupted one retried); returns 0,
    /// or the errno of the write that failed.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Makes `path` the way `write(_:to:)` does, but lets `produce` fill the new file beside it: it gets the
    /// file's open descriptor and its path (a library that writes by file name, libxlsxwriter, opens that
    /// path again) and returns nil, or why it failed. The new file must still be the one made here when
    /// `produce` returns (the same inode, a regular file); it is then flushed and renamed over `path`.
    public static func write(to path: String, notOneOf inputs: [String] = [],
                             producing produce: (_ descriptor: Int32, _ temporaryPath: String) -> String?) throws(Refusal) {
        try check(path, notOneOf: inputs)
        let directory = directory(of: path)
        let name = (path as NSString).lastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".\(name).\(UUID().uuidString.prefix(8)).tmp")
        var existing = stat()
        let replacing = lstat(path, &existing) == 0
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, replacing ? existing.st_mode & 0o7777 : 0o666)
        guard descriptor >= 0 else { throw Refusal(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
        func fail(_ reason: String) -> Refusal {
            close(descriptor)
            unlink(temporary)
            return Refusal(description: "cannot write \(path): \(reason)")
        }
        if replacing { _ = fchmod(descriptor, existing.st_mode & 0o7777) }
        if let reason = produce(descriptor, temporary) { throw fail(reason) }
        var made = stat(), now = stat()
        guard fstat(descriptor, &made) == 0, lstat(temporary, &now) == 0, now.st_mode & S_IFMT == S_IFREG,
              made.st_dev == now.st_dev, made.st_ino == now.st_ino else {
            throw fail("its temporary file \(temporary) was replaced while it was written")
        }
        if fsync(descriptor) != 0 { throw fail(String(cString: strerror(errno))) }
        close(descriptor)
        // Looked at again just before the rename: what appeared meanwhile is refused too.
        do { try check(path, notOneOf: inputs) } catch {
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw Refusal(description: "cannot write \(path): \(String(cString: strerror(code)))")
        }
    }

    /// The directory a path's file is in ("." for a bare name).
    public static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    /// A file type in words.
    public static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }
}
