import Core

extension RatingMatrix {
    /// The transpose, built by a parallel counting sort: rows are split into `threads` contiguous
    /// blocks, each block counts its entries per column, and each block scatters into its own
    /// slots, so the result equals `transposed()` exactly (columns ascending within each row).
    /// Cost O(count / threads + columnCount × threads); one extra copy of the entries.
    public func transposed(threads: Int) -> RatingMatrix {
        let blocks = chunkRanges(count: rowCount, parts: max(1, min(threads, count / 65_536 + 1)))
        if blocks.count <= 1 { return transposed() }
        var slots = blocks.map { _ in [Int](repeating: 0, count: columnCount) }
        let rs = rowStart
        columnIndex.withUnsafeBufferPointer { cb in
            slots.withUnsafeMutableBufferPointer { all in
                let base = all.baseAddress!
                parallelChunks(count: blocks.count, threads: blocks.count) { _, range in
                    for b in range {
                        base[b].withUnsafeMutableBufferPointer { counts in
                            for p in rs[blocks[b].lowerBound]..<rs[blocks[b].upperBound] { counts[Int(cb[p])] += 1 }
                        }
                    }
                }
            }
        }
        let start = countingSortOffsets(&slots, rows: columnCount)
        // Every slot is written exactly once by the scatter, so the arrays start uninitialised.
        var col: [Int32] = [], val: [Float] = []
        col = Buffers.uninitialized(count) { out in
            val = Buffers.uninitialized(count) { outValue in
                columnIndex.withUnsafeBufferPointer { cb in
                    value.withUnsafeBufferPointer { vb in
                        slots.withUnsafeMutableBufferPointer { all in
                            let base = all.baseAddress!
                            parallelChunks(count: blocks.count, threads: blocks.count) { _, range in
                                for b in range {
                                    base[b].withUnsafeMutableBufferPointer { slot in
                                        for r in blocks[b] {
                                            for p in rs[r]..<rs[r + 1] {
                                                let c = Int(cb[p])
                                                let q = slot[c]
                                                slot[c] = q + 1
                                                out[q] = Int32(r)
                                                outValue[q] = vb[p]
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return RatingMatrix(rowCount: columnCount, columnCount: rowCount, rowStart: start, columnIndex: col, value: val)
    }
}
