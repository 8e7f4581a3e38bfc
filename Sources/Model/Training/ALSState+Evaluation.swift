import Core

/// The objective and error measures of the current parameters.
struct Evaluation: Sendable {
    /// L (see `Hyperparameters`).
    var loss: Double
    /// Clamped RMSE on the training ratings.
    var trainRMSE: Double
    /// Clamped RMSE on the held-out ratings (NaN when there are none).
    var testRMSE: Double
}

extension ALSState {
    /// Evaluates L and both RMSEs. Cost (nnz + test)·K plus O(parameters).
    func evaluate() -> Evaluation {
        let k = rank, kp = stride
        return userFactors.withUnsafeBufferPointer { x in
            movieFactors.withUnsafeBufferPointer { y in
                userBias.withUnsafeBufferPointer { b in
                    movieBias.withUnsafeBufferPointer { c in
                        let view = FactorView(userFactors: x.baseAddress ?? dummy, movieFactors: y.baseAddress ?? dummy,
                                              userBias: b.baseAddress!, movieBias: c.baseAddress!,
                                              mean: mean, rank: k, stride: kp)
                        let train = trainingResiduals(dataset.trainByUser, view, scale: dataset.scale, threads: threads)
                        let test = heldOutResiduals(dataset.test, view, scale: dataset.scale, threads: threads)
                        var penalty = Double(settings.gamma) * (Dot.exact(b.baseAddress!, b.baseAddress!, count: b.count) + Dot.exact(c.baseAddress!, c.baseAddress!, count: c.count))
                        if k > 0 {
                            var vectors = Dot.exact(x.baseAddress!, x.baseAddress!, count: x.count) + Dot.exact(genreFactors, genreFactors, count: genreFactors.count)
                            let prior = currentPriorMeans()
                            if prior.isEmpty {
                                vectors += Dot.exact(y.baseAddress!, y.baseAddress!, count: y.count)
                            } else {
                                vectors += squaredDistance(y.baseAddress!, prior, y.count)
                            }
                            penalty += Double(settings.tau) * vectors
                        }
                        let loss = 0.5 * Double(settings.lambda) * train.squared + 0.5 * penalty
                        return Evaluation(loss: loss, trainRMSE: train.rmse, testRMSE: test.rmse)
                    }
                }
            }
        }
    }

    /// g_i for every movie (movies × stride) from the current W; empty without genres.
    func currentPriorMeans() -> [Float] {
        guard settings.kind.hasGenres, rank > 0 else { return [] }
        let design = GenreDesign(dataset.catalog)
        var out = [Float](repeating: 0, count: dataset.movieCount * stride)
        genreFactors.withUnsafeBufferPointer { w in
            out.withUnsafeMutableBufferPointer { o in
                design.priorMeans(w.baseAddress ?? dummy, rank: rank, stride: stride, into: o.baseAddress!)
            }
        }
        return out
    }

    /// The current parameters as a `FactorModel` (padding removed).
    func model() -> FactorModel {
        func unpad(_ values: [Float], rows: Int) -> Matrix { unpadded(values, rows: rows, rank: rank, stride: stride) }
        let counts = (0..<dataset.movieCount).map { Int32(dataset.trainByMovie.rowLength($0)) }
        let genreRows = settings.kind.hasGenres && rank > 0 ? dataset.catalog.genreNames.count : 0
        return FactorModel(
            kind: settings.kind, globalMean: mean, userBias: userBias, movieBias: movieBias,
            userFactors: unpad(userFactors, rows: dataset.userCount),
            movieFactors: unpad(movieFactors, rows: dataset.movieCount),
            genreFactors: genreRows > 0 ? unpad(genreFactors, rows: genreRows) : Matrix(rows: 0, columns: rank),
            userIDs: dataset.userIDs, catalog: dataset.catalog, movieRatingCounts: counts,
            scale: dataset.scale, hyperparameters: settings, userRatings: dataset.trainByUser)
    }
}

/// `rows` rows of `rank` values out of padded storage with row stride `stride`.
func unpadded(_ values: [Float], rows: Int, rank: Int, stride: Int) -> Matrix {
    var out = [Float](repeating: 0, count: rows * rank)
    for r in 0..<rows { for c in 0..<rank { out[r * rank + c] = values[r * stride + c] } }
    return Matrix(rows: rows, columns: rank, values: out)
}
