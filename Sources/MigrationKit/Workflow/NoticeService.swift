/// Who must be told of the cut-over and go-live dates: EPS needs the longest notice; every
/// other linked service or third-party supplier shares one notice period.
public enum NoticeService: String, Codable, CaseIterable, Sendable {
    case eps, other

    /// The deadline by which notice must be given.
    public var deadline: DeadlineKind { self == .eps ? .epsNotice : .thirdPartyNotice }
}
