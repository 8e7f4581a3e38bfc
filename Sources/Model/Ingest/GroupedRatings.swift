/// The ratings grouped by user, split, with dense ids — what every grouping strategy hands to
/// the last stages: the training matrix by user (rows sorted by movie), the test triplets
/// grouped by user (sorted by movie within a user), the positions of duplicate pairs still in
/// them, and the id maps and catalogue.
///
/// Users are numbered by ascending raw id; movies in movie-list order, then any rated movie
/// missing from the list (ascending raw id, empty title).
struct GroupedRatings {
    var byUser: RatingMatrix
    var test: RatingTriplets
    /// Positions of the later entries of duplicated (user, movie) pairs in `byUser` and in
    /// `test`, ascending (a random split puts both copies of a pair on the same side).
    var trainDuplicates: [Int], testDuplicates: [Int]
    var users: DenseIDMap
    var movies: DenseIDMap
    /// The movie list plus the unlisted rated movies.
    var catalog: CatalogBuilder
    /// How many movies the list gave (the rest are unlisted).
    var listed: Int

    /// Rated movies missing from the movie list.
    var unlistedMovies: Int { movies.count - listed }

    /// The duplicate stage: throws the first duplicate pair (located by `locate(rawUser,
    /// rawMovie)`) unless `skip`; otherwise removes the later copies and counts them in
    /// `tally`. Cost O(1) without duplicates, O(ratings) with.
    func droppingDuplicates(skip: Bool, tally: inout BadLineTally,
                            locate: (Int64, Int64) throws -> IngestError) throws -> GroupedRatings {
        guard !trainDuplicates.isEmpty || !testDuplicates.isEmpty else { return self }
        if !skip {
            if let p = trainDuplicates.first {
                let row = byUser.rowStart.lastIndex { $0 <= p } ?? 0
                throw try locate(users.rawIDs[row], movies.rawIDs[Int(byUser.columnIndex[p])])
            }
            let p = testDuplicates[0]
            throw try locate(users.rawIDs[Int(test.users[p])], movies.rawIDs[Int(test.movies[p])])
        }
        var out = self
        RowSort.remove(trainDuplicates, from: &out.byUser)
        RowSort.remove(testDuplicates, from: &out.test)
        tally.counts[.duplicatePair, default: 0] += trainDuplicates.count + testDuplicates.count
        out.trainDuplicates = []
        out.testDuplicates = []
        return out
    }
}

extension GroupedRatings {
    /// The two sides of a random split as `RandomSplitAssembly` sorts them, with the id maps and
    /// catalogue.
    init(_ sides: (byUser: RatingMatrix, test: RatingTriplets, trainDuplicates: [Int], testDuplicates: [Int]),
         users: DenseIDMap, movies: DenseIDMap, catalog: CatalogBuilder, listed: Int) {
        self.init(byUser: sides.byUser, test: sides.test, trainDuplicates: sides.trainDuplicates,
                  testDuplicates: sides.testDuplicates, users: users, movies: movies, catalog: catalog, listed: listed)
    }
}
