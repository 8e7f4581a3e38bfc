/// Where a random split writes its ratings: the column and value arrays of the training matrix
/// by user, and the four arrays of the test triplets, filled in place (no zeroing pass) by the
/// readers that already know every rating's final slot.
struct SplitSlots: @unchecked Sendable {
    let col: UnsafeMutablePointer<Int32>, val: UnsafeMutablePointer<Float>
    let testUser: UnsafeMutablePointer<Int32>, testMovie: UnsafeMutablePointer<Int32>
    let testRating: UnsafeMutablePointer<Float>, testTime: UnsafeMutablePointer<Int64>

    /// Training slot `q`: dense movie and rating × 2.
    @inline(__always) func train(_ q: Int, movie: Int32, half: UInt8) {
        col[q] = movie
        val[q] = Float(half) * 0.5
    }

    /// Test slot `q`: dense user and movie, rating × 2, seconds.
    @inline(__always) func test(_ q: Int, user: Int32, movie: Int32, half: UInt8, time: UInt32) {
        testUser[q] = user
        testMovie[q] = movie
        testRating[q] = Float(half) * 0.5
        testTime[q] = Int64(time)
    }

    /// Arrays for `train` training and `test` test ratings, every slot of which `fill` must
    /// write (on huge pages where the kernel allows, see `Buffers`).
    static func filled(train: Int, test: Int, _ fill: (SplitSlots) -> Void)
    -> (col: [Int32], val: [Float], test: RatingTriplets) {
        var col: [Int32] = [], val: [Float] = []
        var tu: [Int32] = [], tm: [Int32] = [], tr: [Float] = [], tt: [Int64] = []
        col = Buffers.uninitialized(train) { c in
            val = Buffers.uninitialized(train) { v in
                tu = Buffers.uninitialized(test) { xu in
                    tm = Buffers.uninitialized(test) { xm in
                        tr = Buffers.uninitialized(test) { xr in
                            tt = Buffers.uninitialized(test) { xt in
                                fill(SplitSlots(col: c, val: v, testUser: xu, testMovie: xm, testRating: xr, testTime: xt))
                            }
                        }
                    }
                }
            }
        }
        return (col, val, RatingTriplets(users: tu, movies: tm, ratings: tr, timestamps: tt))
    }
}
