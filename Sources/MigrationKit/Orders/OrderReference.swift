import Foundation

/// What Cutover holds that an order file is matched against: suppliers, products and
/// practices by their national codes, commissioners by theirs, and each practice's
/// migrations with the products they move and their order lines.
public struct OrderReference: Sendable {
    public struct Supplier: Hashable, Sendable {
        public let id: UUID, code: String, name: String
        public init(id: UUID, code: String, name: String) { (self.id, self.code, self.name) = (id, code, name) }
    }
    public struct Product: Hashable, Sendable {
        public let id: UUID, code: String, name: String, supplier: UUID
        public init(id: UUID, code: String, name: String, supplier: UUID) { (self.id, self.code, self.name, self.supplier) = (id, code, name, supplier) }
    }
    public struct Practice: Hashable, Sendable {
        public let id: UUID, code: String, name: String, commissioner: UUID, deliveryPartner: UUID
        public init(id: UUID, code: String, name: String, commissioner: UUID, deliveryPartner: UUID) {
            (self.id, self.code, self.name, self.commissioner, self.deliveryPartner) = (id, code, name, commissioner, deliveryPartner)
        }
    }
    public struct Migration: Hashable, Sendable {
        public let id: UUID
        /// Every product the migration moves from, to or with.
        public let products: Set<UUID>
        /// Its order lines by product.
        public let lines: [UUID: OrderLine]
        /// The planned go-live of each product the new system's supplier delivers (`OrderLine.effective`).
        public let plannedDelivery: [UUID: Day]
        public init(id: UUID, products: Set<UUID>, lines: [UUID: OrderLine], plannedDelivery: [UUID: Day] = [:]) {
            (self.id, self.products, self.lines, self.plannedDelivery) = (id, products, lines, plannedDelivery)
        }
    }

    /// Who imports: a person of an organisation that supports practices (a delivery
    /// partner) touches only those practices; the national team and the command line, all.
    public enum Importer: Sendable {
        case everything
        case deliveryPartner(UUID)
    }

    public var suppliers: [String: Supplier]
    public var products: [String: Product]
    public var practices: [String: Practice]
    /// Commissioners by their ODS code (an order's ordering party).
    public var commissioners: [String: UUID]
    /// The delivery partner that supports most of each commissioner's practices, for a
    /// practice an order brings in.
    public var usualDeliveryPartner: [UUID: UUID]
    /// Each practice's migrations, the open one first.
    public var migrations: [UUID: [Migration]]

    public init(suppliers: [Supplier], products: [Product], practices: [Practice], commissioners: [String: UUID],
                usualDeliveryPartner: [UUID: UUID], migrations: [UUID: [Migration]]) {
        self.suppliers = Dictionary(suppliers.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.products = Dictionary(products.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.practices = Dictionary(practices.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.commissioners = commissioners
        self.usualDeliveryPartner = usualDeliveryPartner
        self.migrations = migrations
    }
}
